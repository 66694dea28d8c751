import torch
from torch.autograd import gradcheck, gradgradcheck

torch.manual_seed(0)


class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = torch.exp(x)
        ctx.save_for_backward(y)  # (1)!
        return y

    @staticmethod
    def backward(ctx, grad_y):
        (y,) = ctx.saved_tensors
        return grad_y * y


x = torch.randn(5, dtype=torch.float64, requires_grad=True)
print("gradcheck:", gradcheck(Exp.apply, (x,)))
print("gradgradcheck:", gradgradcheck(Exp.apply, (x,)))
Exp.apply(x).sum().backward()
print("grad == exp(x):", torch.allclose(x.grad, torch.exp(x)))
