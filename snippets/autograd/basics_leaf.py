import torch

torch.manual_seed(0)

x = torch.ones(2, requires_grad=True)  # (1)!
c = torch.full((2,), 3.0)  # (2)!
y = x * c
y.sum().backward()
print("is_leaf   x, c, y:", x.is_leaf, c.is_leaf, y.is_leaf)
print("x.grad:", x.grad, " c.grad:", c.grad)  # (3)!

try:
    y.requires_grad_(False)  # (4)!
except RuntimeError as e:
    print("RuntimeError:", str(e).split(". ")[0])
