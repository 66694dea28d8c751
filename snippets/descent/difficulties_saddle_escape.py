import math

import torch

torch.manual_seed(0)


def f(p):
    x, y = p
    return x**2 + y**4 / 4 - y**2 / 2


def descend(start, noise=0.0, steps=200, lr=0.1):
    p = torch.tensor(start, requires_grad=True)
    ys = []
    for step in range(steps + 1):
        if step % 50 == 0:
            ys.append(round(p[1].item(), 4))
        f(p).backward()
        with torch.no_grad():
            p -= lr * (p.grad + noise * torch.randn(2))  # (1)!
        p.grad = None
    return ys, round(f(p).item(), 4)


print("y at steps 0, 50, ..., 200; final f")
print("exactly y = 0      ", *descend([1.0, 0.0]))
print("y = 1e-6           ", *descend([1.0, 1e-6]))
print("y = 0, noisy grad  ", *descend([1.0, 0.0], noise=0.01))
print("1e-6 * 1.1**k = 0.5 at k =", round(math.log(0.5 / 1e-6) / math.log(1.1)))
