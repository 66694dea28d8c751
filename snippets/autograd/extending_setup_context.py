import torch
from torch.func import grad, vmap

torch.manual_seed(0)


class Sigmoid(torch.autograd.Function):  # (1)!
    @staticmethod
    def forward(ctx, z):
        y = 1 / (1 + torch.exp(-z))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_y):
        (y,) = ctx.saved_tensors
        return grad_y * y * (1 - y)


class SigmoidFunc(torch.autograd.Function):
    generate_vmap_rule = True  # (4)!

    @staticmethod
    def forward(z):  # (2)!
        return 1 / (1 + torch.exp(-z))

    @staticmethod
    def setup_context(ctx, inputs, output):  # (3)!
        ctx.save_for_backward(output)

    @staticmethod
    def backward(ctx, grad_y):
        (y,) = ctx.saved_tensors
        return grad_y * y * (1 - y)


z = torch.tensor([-2.0, 0.0, 3.0], dtype=torch.float64)
print("setup_context:  torch.func.grad ->", grad(lambda t: SigmoidFunc.apply(t).sum())(z))
try:
    grad(lambda t: Sigmoid.apply(t).sum())(z)
except RuntimeError as err:
    print("ctx in forward: RuntimeError:", str(err).split(" For more")[0])

zr = z.clone().requires_grad_()
SigmoidFunc.apply(zr).sum().backward()  # (5)!
print("setup_context:  backward() ->", zr.grad)
print("setup_context:  vmap ->", vmap(SigmoidFunc.apply)(z))
