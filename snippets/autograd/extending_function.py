import torch

torch.manual_seed(0)


class Sigmoid(torch.autograd.Function):
    @staticmethod
    def forward(ctx, z):
        y = 1 / (1 + torch.exp(-z))
        ctx.save_for_backward(y)  # (1)!
        return y

    @staticmethod
    def backward(ctx, grad_y):  # (2)!
        (y,) = ctx.saved_tensors
        return grad_y * y * (1 - y)  # (3)!


z = torch.tensor([-2.0, 0.0, 3.0], dtype=torch.float64, requires_grad=True)
y = Sigmoid.apply(z)  # (4)!
print(y.grad_fn)
y.sum().backward()
print("grad:", z.grad)
s = torch.sigmoid(z.detach())
print("same as torch.sigmoid:", torch.allclose(z.grad, s * (1 - s)))
print("gradcheck:", torch.autograd.gradcheck(Sigmoid.apply, (z,)))
