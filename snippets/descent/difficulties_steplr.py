import torch

torch.manual_seed(0)

w = torch.zeros(3, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5)  # (1)!

lrs = []
for epoch in range(10):
    lrs.append(opt.param_groups[0]["lr"])  # (2)!
    opt.zero_grad()
    (w - 1).pow(2).sum().backward()
    opt.step()
    sched.step()  # (3)!

print("lr per epoch:", lrs)
print("get_last_lr():", sched.get_last_lr())
