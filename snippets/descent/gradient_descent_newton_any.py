import torch
from torch.autograd.functional import hessian

torch.manual_seed(0)

n = 5
M = torch.randn(n, n, dtype=torch.float64)
A = M @ M.T + n * torch.eye(n, dtype=torch.float64)  # (1)!
b = torch.randn(n, dtype=torch.float64)


def f(w):
    return 0.5 * w @ A @ w - b @ w


w = (10 * torch.randn(n, dtype=torch.float64)).requires_grad_()  # a far-away start
f(w).backward()
w_new = w.detach() - torch.linalg.solve(hessian(f, w.detach()), w.grad)

minimum = torch.linalg.solve(A, b)  # (2)!
print("distance from the minimum: before", (w.detach() - minimum).norm(),
      "after", (w_new - minimum).norm())
print(torch.allclose(w_new, minimum))
