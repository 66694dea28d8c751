import torch
import torch.nn.functional as F

torch.manual_seed(0)

z = torch.linspace(-10, 10, 201, dtype=torch.float64, requires_grad=True)
y = torch.ones_like(z)  # (1)!
for name, loss in [("cross-entropy", F.binary_cross_entropy_with_logits(z, y, reduction="none")),
                   ("MSE", (torch.sigmoid(z) - y) ** 2)]:
    (d1,) = torch.autograd.grad(loss.sum(), z, create_graph=True)  # (2)!
    (d2,) = torch.autograd.grad(d1.sum(), z)
    negative = z.detach()[d2 < 0]
    where = f"negative for z in [{negative.min():.1f}, {negative.max():.1f}]" if len(negative) else "never negative"
    print(f"{name:13s} smallest second derivative {d2.min().item():+.1e}, {where}")
