import torch
from torch.autograd.functional import hessian

torch.manual_seed(0)


def f(w):
    return w[0] ** 2 - w[1] ** 2  # (1)!


start = torch.tensor([0.5, 1.0], dtype=torch.float64)

w = start.clone().requires_grad_()
f(w).backward()
newton = start - torch.linalg.solve(hessian(f, start), w.grad)
gd = start - 0.1 * w.grad

print("start", start, "loss", f(start))
print("Newton step goes to", newton, "loss", f(newton))
print("gradient step goes to", gd, "loss", f(gd))
