import math

import torch
from torch.func import jvp

torch.manual_seed(0)


def f(p):
    x, y = p
    return x**2 + 2 * y**2 + torch.sin(x * y)


p = torch.tensor([1.0, 1.0], dtype=torch.float64)
theta = math.radians(30)
u = torch.tensor([math.cos(theta), math.sin(theta)], dtype=torch.float64)  # (1)!

h = 1e-6
numeric = (f(p + h * u) - f(p - h * u)) / (2 * h)  # (2)!

q = p.clone().requires_grad_()
f(q).backward()
dot = q.grad @ u  # (3)!

_, forward_mode = jvp(f, (p,), (u,))  # (4)!

print("numeric     ", numeric)
print("grad . u    ", dot)
print("jvp         ", forward_mode)
print("grad . u ≈ numeric:", torch.allclose(dot, numeric), " grad . u ≈ jvp:", torch.allclose(dot, forward_mode))
