import torch

torch.manual_seed(0)


def f(p):
    x, y = p
    return x**2 + 2 * y**2 + torch.sin(x * y)


p = torch.tensor([1.0, 1.0], dtype=torch.float64)
u = torch.tensor([0.6, 0.8], dtype=torch.float64)  # a unit vector
h = 1e-6
for scale in [1.0, 2.0, 10.0]:
    v = scale * u
    print(f"|v| = {scale:4.1f}", (f(p + h * v) - f(p - h * v)) / (2 * h))
