import torch

torch.manual_seed(0)


def f(p):
    x, y = p
    return x * torch.exp(y) + y**3


p = torch.tensor([2.0, 0.0], dtype=torch.float64, requires_grad=True)
f(p).backward()

x0, y0 = p.detach()
formula = torch.stack([torch.exp(y0), x0 * torch.exp(y0) + 3 * y0**2])
h = 1e-6
E = torch.eye(2, dtype=torch.float64)
numeric = torch.stack([(f(p.detach() + h * e) - f(p.detach() - h * e)) / (2 * h) for e in E])

print("formula ", formula)
print("autograd", p.grad)
print("numeric ", numeric)
print("autograd ≈ formula:", torch.allclose(p.grad, formula), " numeric ≈ formula:", torch.allclose(numeric, formula))
