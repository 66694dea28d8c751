import torch
from torch.func import grad

torch.manual_seed(0)


def f(s):
    return torch.sin(s) * s


s = torch.tensor(1.0, dtype=torch.float64)
df = grad(f)  # (1)!
d2f = grad(grad(f))  # (2)!
print(f"f'(1)  = {df(s).item():.4f}   sin 1 + cos 1   = {(s.sin() + s.cos()).item():.4f}")
print(f"f''(1) = {d2f(s).item():.4f}   2 cos 1 - sin 1 = {(2 * s.cos() - s.sin()).item():.4f}")
print("s.requires_grad:", s.requires_grad)  # (3)!
