import torch
import torch.nn.functional as F

torch.manual_seed(0)

v, t = torch.randn(6, dtype=torch.float64), 0.5
by_hand = torch.sign(v) * torch.clamp(v.abs() - t, min=0)  # (1)!
print(v)
print(by_hand)
print(torch.equal(by_hand, F.softshrink(v, t)))

u = torch.linspace(-3, 3, 60001, dtype=torch.float64)  # (2)!
objective = (u[:, None] - v) ** 2 / 2 + t * u[:, None].abs()
print(f"grid spacing {(u[1] - u[0]).item():.0e}")
print(f"max |grid minimizer - formula|: {(u[objective.argmin(dim=0)] - by_hand).abs().max().item():.1e}")
