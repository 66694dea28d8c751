import math

import torch
from torch.distributions import Laplace, Normal

torch.manual_seed(0)

tau, scale = 0.5, 0.3
zero = torch.tensor(0.0, dtype=torch.float64)
for trial in range(2):
    w = torch.randn(10, dtype=torch.float64)
    nlp_gauss = -Normal(zero, tau).log_prob(w).sum()
    nlp_laplace = -Laplace(zero, scale).log_prob(w).sum()
    l2 = (w ** 2).sum() / (2 * tau ** 2)  # (1)!
    l1 = w.abs().sum() / scale  # (2)!
    print(f"random w {trial}: -log prior - penalty: Gaussian {(nlp_gauss - l2).item():.4f}, "
          f"Laplace {(nlp_laplace - l1).item():.4f}")
print(f"predicted constants:              Gaussian {5 * math.log(2 * math.pi * tau ** 2):.4f}, "
      f"Laplace {10 * math.log(2 * scale):.4f}")  # (3)!
