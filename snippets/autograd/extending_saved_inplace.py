import torch

torch.manual_seed(0)


class Sigmoid(torch.autograd.Function):
    @staticmethod
    def forward(ctx, z):
        y = 1 / (1 + torch.exp(-z))
        ctx.save_for_backward(y)  # (1)!
        return y

    @staticmethod
    def backward(ctx, grad_y):
        (y,) = ctx.saved_tensors
        return grad_y * y * (1 - y)


z = torch.tensor([-2.0, 0.0, 3.0], dtype=torch.float64, requires_grad=True)
y = Sigmoid.apply(z)
y.mul_(2)  # (2)!
y.sum().backward()
