import torch
from torch.autograd import gradcheck, gradgradcheck

torch.manual_seed(0)


def f(x, w):
    return torch.tanh(x @ w).sum(dim=1)


x = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)  # (1)!
w = torch.randn(3, 2, dtype=torch.float64, requires_grad=True)
print("gradcheck:", gradcheck(f, (x, w), eps=1e-6, atol=1e-5, rtol=1e-3))  # (2)!
print("gradgradcheck:", gradgradcheck(f, (x, w)))  # (3)!
