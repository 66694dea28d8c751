import torch

torch.manual_seed(0)


def f(x):
    return x**4 - 4 * x**2 + x  # (1)!


def final_x(x0, momentum, lr=0.01, steps=300):
    x = torch.tensor(x0, requires_grad=True)
    opt = torch.optim.SGD([x], lr=lr, momentum=momentum)
    for _ in range(steps):
        opt.zero_grad()
        f(x).backward()
        opt.step()
    return round(x.item(), 3)


print("local min near x = 1.347, global min near x = -1.473")
for momentum in (0.0, 0.5, 0.8, 0.9):
    print(f"momentum = {momentum}:  start 2.5 -> {final_x(2.5, momentum):+.3f}"
          f"   start 3.0 -> {final_x(3.0, momentum):+.3f}")
