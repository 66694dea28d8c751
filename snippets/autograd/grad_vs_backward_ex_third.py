import torch

torch.manual_seed(0)

x = torch.tensor(2.0, requires_grad=True)
f = x**3
(d1,) = torch.autograd.grad(f, x, create_graph=True)
(d2,) = torch.autograd.grad(d1, x, create_graph=True)
(d3,) = torch.autograd.grad(d2, x)
print(d1, d2, d3)
