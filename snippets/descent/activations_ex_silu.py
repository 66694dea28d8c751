import torch
import torch.nn.functional as F

torch.manual_seed(0)

x = (torch.arange(-6000, 6001, dtype=torch.float64) / 1000).requires_grad_()  # (1)!
(auto,) = torch.autograd.grad(F.silu(x).sum(), x)
x = x.detach()
s = torch.sigmoid(x)
closed = s * (1 + x * (1 - s))  # (2)!

print("max |autograd - closed form| < 1e-12:", (auto - closed).abs().max().item() < 1e-12)
at = [6000 + round(1000 * v) for v in (-4, -2, -1, -0.5, 0, 2)]
print("x       ", "  ".join(f"{v:7.1f}" for v in x[at].tolist()))
print("SiLU'(x)", "  ".join(f"{v:7.4f}" for v in auto[at].tolist()))
print(f"SiLU'(x) < 0 only for x <= {x[auto < 0].max().item():.3f};",
      f"smallest {auto.min().item():.4f} at x = {x[auto.argmin()].item():.1f}")
