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
print(f"distance from the minimum before the step: {(w.detach() - minimum).norm().item():.2f}")
print("after one Newton step < 1e-10:", (w_new - minimum).norm().item() < 1e-10)
