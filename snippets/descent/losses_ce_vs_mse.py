import torch
import torch.nn.functional as F

torch.manual_seed(0)

y = torch.tensor(1.0, dtype=torch.float64)  # (1)!
worst = 0.0
print("     z   p = σ(z)     σ'(z)   dMSE/dz   dCE/dz")
for value in (-10.0, -5.0, 0.0, 5.0):
    z = torch.tensor(value, dtype=torch.float64, requires_grad=True)
    p = torch.sigmoid(z)
    (g_mse,) = torch.autograd.grad((p - y) ** 2, z)  # (2)!
    (g_ce,) = torch.autograd.grad(F.binary_cross_entropy_with_logits(z, y), z)  # (3)!
    p = p.item()
    s = p * (1 - p)
    worst = max(worst, abs(g_mse.item() - 2 * (p - 1) * s), abs(g_ce.item() - (p - 1)))
    print(f"{value:6.0f}  {p:8.1e}  {s:8.1e}  {g_mse.item():8.1e}  {g_ce.item():7.4f}")
print("formulas 2(p - 1)σ'(z) and p - 1 match autograd within 1e-12:", worst < 1e-12)
