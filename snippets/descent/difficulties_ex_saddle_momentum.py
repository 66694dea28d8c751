import torch

torch.manual_seed(0)


def f(p):
    x, y = p
    return x**2 + y**4 / 4 - y**2 / 2


def run(y0, momentum, lr=0.1, steps=300):
    p = torch.tensor([1.0, y0], requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=momentum)
    escaped = "never"
    for step in range(steps):
        if escaped == "never" and abs(p[1].item()) > 0.5:
            escaped = step
        opt.zero_grad()
        f(p).backward()
        opt.step()
    return p.detach(), escaped


for y0 in (0.0, 1e-6):
    for momentum in (0.0, 0.9):
        p, escaped = run(y0, momentum)
        print(f"y0 = {y0:g}, momentum = {momentum}: final p = {p}, |y| > 0.5 at step {escaped}")
