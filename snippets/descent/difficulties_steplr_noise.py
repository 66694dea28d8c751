import torch

torch.manual_seed(0)


def mean_loss(lr, decay=False, steps=300, runs=1000):
    torch.manual_seed(0)
    x = torch.full((runs,), 5.0, requires_grad=True)  # (1)!
    opt = torch.optim.SGD([x], lr=lr)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=100, gamma=0.1) if decay else None
    out = []
    for step in range(1, steps + 1):
        opt.zero_grad()
        (x**2).sum().backward()
        x.grad += torch.randn(runs)  # (2)!
        opt.step()
        if sched:
            sched.step()
        if step % 100 == 0:
            out.append(f"{(x.detach().double() ** 2).mean().item():.1e}")
    return "  ".join(out)


print("mean of x^2 over 1000 runs at steps 100, 200, 300")
print("constant lr 0.1            ", mean_loss(0.1))
print("constant lr 0.01           ", mean_loss(0.01))
print("StepLR 0.1 -> 0.01 -> 0.001", mean_loss(0.1, decay=True))
for lr in (0.1, 0.01):
    print(f"noise floor lr / (4 (1 - lr)) at lr = {lr}: {lr / (4 * (1 - lr)):.1e}")  # (3)!
