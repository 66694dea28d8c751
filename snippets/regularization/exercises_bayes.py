import torch
import torch.nn.functional as F
from torch.distributions import Laplace, Normal

torch.manual_seed(0)

sigma, scale, n = 1.0, 0.4, 10
grid = torch.arange(-200000, 200001, dtype=torch.float64) / 100000  # (1)!
t = sigma ** 2 / (n * scale)  # (2)!
print(f"threshold sigma^2 / (n s) = {t:.2f}")
for true_w in (0.05, 1.0):
    y = true_w + sigma * torch.randn(n, dtype=torch.float64)
    nlp = (-Normal(grid[:, None], sigma).log_prob(y).sum(dim=1)
           - Laplace(torch.tensor(0.0, dtype=torch.float64), scale).log_prob(grid))  # (3)!
    w_map = grid[nlp.argmin()]
    w_soft = F.softshrink(y.mean(), t) + 0.0  # (4)!
    print(f"mean {y.mean().item():+.4f}  MAP {w_map.item():+.4f}  soft-threshold {w_soft.item():+.4f}")
