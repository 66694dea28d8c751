import torch

torch.manual_seed(0)

for opt_class in (torch.optim.SGD, torch.optim.Adam, torch.optim.AdamW):
    opt = opt_class([torch.zeros(1, requires_grad=True)], lr=0.1)
    print(f"{opt_class.__name__:5s} default weight_decay: {opt.defaults['weight_decay']}")  # (1)!

w = torch.ones(1, requires_grad=True)
opt = torch.optim.AdamW([w], lr=0.1)
w.grad = torch.zeros(1)
opt.step()  # (2)!
print(f"one AdamW step with a zero gradient: w 1 -> {w.item():.4f}")

X, y, start = torch.randn(16, 4), torch.randn(16, 1), torch.randn(4, 1)
lr, wd = 0.1, 0.5


def momentum_sgd(weight_decay, extra_loss=lambda w: 0.0, shrink_first=False):
    w = start.clone().requires_grad_()
    opt = torch.optim.SGD([w], lr=lr, momentum=0.9, weight_decay=weight_decay)
    for _ in range(10):
        opt.zero_grad()
        (((X @ w - y) ** 2).mean() + extra_loss(w)).backward()
        if shrink_first:
            with torch.no_grad():
                w.mul_(1 - lr * wd)  # (3)!
        opt.step()
    return w.detach()


coupled = momentum_sgd(wd)
print("SGD(momentum=0.9, weight_decay) equals momentum on loss + L2:",
      torch.equal(coupled, momentum_sgd(0, lambda w: wd / 2 * (w ** 2).sum())))  # (4)!
print(f"max |that - (shrink by 1 - lr*wd, then a momentum step)|: "
      f"{(coupled - momentum_sgd(0, shrink_first=True)).abs().max().item():.2f}")
