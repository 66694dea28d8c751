import torch

torch.manual_seed(0)


class Sigmoid(torch.autograd.Function):
    @staticmethod
    def forward(ctx, z):
        y = 1 / (1 + torch.exp(-z))
        ctx.y = y  # (1)!
        return y

    @staticmethod
    def backward(ctx, grad_y):
        return grad_y * ctx.y * (1 - ctx.y)


z = torch.tensor([-2.0, 0.0, 3.0], dtype=torch.float64, requires_grad=True)
y = Sigmoid.apply(z)
y.mul_(2)  # (2)!
y.sum().backward()
s = torch.sigmoid(z.detach())
print("got:    ", z.grad)
print("correct:", 2 * s * (1 - s))
