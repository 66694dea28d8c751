import torch
from torch.autograd.functional import jacobian

torch.manual_seed(0)

x = torch.randn(4, requires_grad=True)
y = torch.sin(x)
y.backward(torch.ones_like(y))

print(x.grad)
print(torch.cos(x.detach()))
J = jacobian(torch.sin, x.detach())
print("J is diagonal:", torch.equal(J, torch.diag(torch.diagonal(J))))
