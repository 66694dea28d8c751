import torch
from torch.autograd.functional import jacobian

torch.manual_seed(0)

A = torch.randn(2, 3)
x = torch.randn(3, requires_grad=True)
v = torch.randn(2)

(A @ x).backward(v)
print("J == A:", torch.allclose(jacobian(lambda t: A @ t, x.detach()), A))
print(x.grad)
print(A.T @ v)
print("x.grad == A^T v:", torch.allclose(x.grad, A.T @ v))
