import itertools

import torch

torch.manual_seed(0)

x, w, y, p = torch.randn(3), torch.randn(3), torch.randn(()), 0.4
expected = torch.tensor(0.0)
for mask in itertools.product([0.0, 1.0], repeat=3):  # (1)!
    m = torch.tensor(mask)
    prob = torch.prod(torch.where(m == 1, 1 - p, p))
    expected += prob * ((x * m / (1 - p)) @ w - y) ** 2
penalty = p / (1 - p) * ((x * w) ** 2).sum()  # (2)!
print(f"by enumerating the masks: {expected.item():.3f}; by the formula: {((x @ w - y) ** 2 + penalty).item():.3f}")
