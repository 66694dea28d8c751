import torch
from torch.autograd.functional import hessian

torch.manual_seed(0)


def f(w):
    return w[0] ** 2 + 3 * w[1] ** 2


w = torch.tensor([-4.0, 2.0], dtype=torch.float64, requires_grad=True)
f(w).backward()
g = w.grad
H = hessian(f, w.detach())  # (1)!

w_new = w.detach() - torch.linalg.solve(H, g)  # (2)!

w_check = w_new.clone().requires_grad_()
f(w_check).backward()
print("Hessian", H)
print("after one Newton step", w_new, "loss", f(w_new))
print("gradient there", w_check.grad)
