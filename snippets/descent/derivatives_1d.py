import torch

torch.manual_seed(0)


def g(x):
    return x**3


x = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
g(x).backward()

formula = 3 * x.detach() ** 2
h = 1e-6
numeric = (g(x.detach() + h) - g(x.detach() - h)) / (2 * h)

print("formula ", formula)
print("autograd", x.grad)
print("numeric ", numeric)
print("autograd ≈ formula:", torch.allclose(x.grad, formula), " numeric ≈ formula:", torch.allclose(numeric, formula))
