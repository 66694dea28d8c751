import torch
from torch.autograd import gradcheck, gradgradcheck
from torch.autograd.function import once_differentiable

torch.manual_seed(0)


class Sigmoid(torch.autograd.Function):
    @staticmethod
    def forward(ctx, z):
        y = 1 / (1 + torch.exp(-z))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_y):
        (y,) = ctx.saved_tensors
        return grad_y * y * (1 - y)  # (1)!


class SigmoidOnce(Sigmoid):
    @staticmethod
    @once_differentiable  # (2)!
    def backward(ctx, grad_y):
        (y,) = ctx.saved_tensors
        return grad_y * y * (1 - y)


z = torch.tensor([-2.0, 0.0, 3.0], dtype=torch.float64, requires_grad=True)
for fn in (Sigmoid, SigmoidOnce):
    print(f"{fn.__name__:11}", "gradcheck:", gradcheck(fn.apply, (z,)),
          " gradgradcheck:", gradgradcheck(fn.apply, (z,), raise_exception=False))
