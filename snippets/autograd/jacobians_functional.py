import torch
from torch.autograd.functional import jacobian

torch.manual_seed(0)


def f(x):
    return torch.stack([x[0] * x[1], x[1] + x[2] ** 2])  # (1)!


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
J = jacobian(f, x)  # (2)!
print(J)

v = torch.tensor([1.0, 10.0])
f(x).backward(v)
print(v @ J)
print(x.grad)
