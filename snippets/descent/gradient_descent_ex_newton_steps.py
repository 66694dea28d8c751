import math

import torch
from torch.autograd.functional import hessian

torch.manual_seed(0)


def f(w):
    return (torch.exp(w) - 2 * w).sum() + (w[0] - w[1]) ** 2  # (1)!


w = torch.tensor([2.0, -1.0], dtype=torch.float64)
for step in range(1, 6):
    q = w.clone().requires_grad_()
    f(q).backward()
    w = w - torch.linalg.solve(hessian(f, w), q.grad)
    print(step, "distance to (ln 2, ln 2):", f"{(w - math.log(2)).norm().item():.1e}")
