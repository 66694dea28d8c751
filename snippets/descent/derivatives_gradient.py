import torch

torch.manual_seed(0)


def f(p):  # (1)!
    x, y = p
    return x**2 + 2 * y**2 + torch.sin(x * y)


p = torch.tensor([1.0, 1.0], dtype=torch.float64, requires_grad=True)
f(p).backward()
grad = p.grad  # (2)!

x0, y0 = p.detach()
formula = torch.stack([2 * x0 + y0 * torch.cos(x0 * y0),
                       4 * y0 + x0 * torch.cos(x0 * y0)])
print("gradient", grad)
print("norm    ", grad.norm())
print("angle in degrees", torch.rad2deg(torch.atan2(grad[1], grad[0])))
print("autograd ≈ formula:", torch.allclose(grad, formula))
