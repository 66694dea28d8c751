import torch
import torch.nn.functional as F

torch.manual_seed(0)

x = (torch.arange(-60, 61, dtype=torch.float64) / 10).requires_grad_()
(auto,) = torch.autograd.grad(F.silu(x).sum(), x)
s = torch.sigmoid(x.detach())
closed = s * (1 + x.detach() * (1 - s))  # (1)!

print("max |autograd - closed form| < 1e-12:", (auto - closed).abs().max().item() < 1e-12)
print("x       ", x.detach()[[20, 40, 60, 80]])
print("SiLU'(x)", auto[[20, 40, 60, 80]])
print(f"smallest SiLU'(x) {auto.min().item():.4f} at x = {x.detach()[auto.argmin()].item():.1f}")
