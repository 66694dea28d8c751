import torch
from torch.distributions import Laplace, Normal

torch.manual_seed(0)

sigma, scale, n = 1.0, 0.4, 10
grid = torch.linspace(-2, 2, 400001, dtype=torch.float64)
t = sigma ** 2 / (n * scale)  # (1)!
print(f"threshold sigma^2 / (n s) = {t:.2f}")
for true_w in (0.05, 1.0):
    y = true_w + sigma * torch.randn(n, dtype=torch.float64)
    nlp = (-Normal(grid[:, None], sigma).log_prob(y).sum(dim=1)
           - Laplace(torch.tensor(0.0, dtype=torch.float64), scale).log_prob(grid))  # (2)!
    w_map = grid[nlp.argmin()]
    w_soft = torch.sign(y.mean()) * torch.clamp(y.mean().abs() - t, min=0)
    w_map, w_soft = [round(v.item(), 6) + 0.0 for v in (w_map, w_soft)]  # (3)!
    print(f"mean {y.mean().item():+.4f}  MAP {w_map:+.4f}  soft-threshold {w_soft:+.4f}")
