import torch
from torch.autograd.function import once_differentiable

torch.manual_seed(0)


class SigmoidOnce(torch.autograd.Function):
    @staticmethod
    def forward(ctx, z):
        y = 1 / (1 + torch.exp(-z))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_y):
        (y,) = ctx.saved_tensors
        return grad_y * y * (1 - y)


z = torch.tensor([-2.0, 0.0, 3.0], dtype=torch.float64, requires_grad=True)
loss = SigmoidOnce.apply(z).sum() + (z**3).sum()  # (1)!
(g,) = torch.autograd.grad(loss, z, create_graph=True)  # (2)!
(h,) = torch.autograd.grad(g.sum(), z)
s = torch.sigmoid(z.detach())
print("second derivative:", h)
print("correct:          ", s * (1 - s) * (1 - 2 * s) + 6 * z.detach())

v = torch.ones(3, dtype=torch.float64, requires_grad=True)  # (3)!
(g,) = torch.autograd.grad(SigmoidOnce.apply(z), z, grad_outputs=v, create_graph=True)
print("incoming gradient requires grad: g.grad_fn =", type(g.grad_fn).__name__)
try:
    g.sum().backward()
except RuntimeError as err:
    print("RuntimeError:", err)
