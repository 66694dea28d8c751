import math

import torch

torch.manual_seed(0)


def f(p):
    x, y = p
    return x**2 + 2 * y**2 + torch.sin(x * y)


p = torch.tensor([1.0, 1.0], dtype=torch.float64, requires_grad=True)
f(p).backward()
grad = p.grad

degrees = torch.arange(360, dtype=torch.float64)  # (1)!
theta = torch.deg2rad(degrees)
U = torch.stack([torch.cos(theta), torch.sin(theta)], dim=1)  # 360 unit vectors
h = 1e-6
with torch.no_grad():
    D = torch.stack([(f(p + h * u) - f(p - h * u)) / (2 * h) for u in U])  # (2)!

gap = (grad.norm() - D.max()) / grad.norm()
bound = 1 - math.cos(math.radians(0.5))  # (3)!
print("max over 360 directions", D.max(), "gradient norm", grad.norm())
best, worst = degrees[D.argmax()].item(), degrees[D.argmin()].item()
angle = torch.rad2deg(torch.atan2(grad[1], grad[0])).item()
print("best angle", best, "gradient angle", round(angle, 3), "off by", round(best - angle, 3))
print("relative gap", f"{gap.item():.2e}", "bound", f"{bound:.2e}", bool(gap <= bound))
print("min", D.min(), "at angle", worst, "= best +", worst - best)
turned = torch.stack([-grad[1], grad[0]]) / grad.norm()  # (4)!
with torch.no_grad():
    D_turned = (f(p + h * turned) - f(p - h * turned)) / (2 * h)
print("gradient turned by 90 degrees: |D| < 1e-8:", bool(D_turned.abs() < 1e-8))
