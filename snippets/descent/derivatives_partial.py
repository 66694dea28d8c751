import torch

torch.manual_seed(0)


def f(x, y):
    return x**2 + 2 * y**2 + torch.sin(x * y)


x = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
y = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
f(x, y).backward()

x0, y0 = x.detach(), y.detach()
formula = torch.stack([2 * x0 + y0 * torch.cos(x0 * y0),  # (1)!
                       4 * y0 + x0 * torch.cos(x0 * y0)])
h = 1e-6
numeric = torch.stack([(f(x0 + h, y0) - f(x0 - h, y0)) / (2 * h),  # (2)!
                       (f(x0, y0 + h) - f(x0, y0 - h)) / (2 * h)])
autograd = torch.stack([x.grad, y.grad])

print("formula ", formula)
print("autograd", autograd)
print("numeric ", numeric)
print("autograd ≈ formula:", torch.allclose(autograd, formula), " numeric ≈ formula:", torch.allclose(numeric, formula))
