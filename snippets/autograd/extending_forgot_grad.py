import torch

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
        return y * (1 - y)  # (1)!


z = torch.tensor([-2.0, 0.0, 3.0], dtype=torch.float64, requires_grad=True)
Sigmoid.apply(z).sum().backward()
s = torch.sigmoid(z.detach())
print("after .sum().backward():", torch.allclose(z.grad, s * (1 - s)))  # (2)!
torch.autograd.gradcheck(Sigmoid.apply, (z,))
