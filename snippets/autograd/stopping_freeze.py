import torch
from torch import nn

torch.manual_seed(0)

lin = nn.Linear(2, 1)
lin.weight.requires_grad_(False)  # (1)!
w0, b0 = lin.weight.detach().clone(), lin.bias.detach().clone()

opt = torch.optim.SGD(lin.parameters(), lr=0.1)
x, y = torch.randn(4, 2), torch.randn(4, 1)
loss = ((lin(x) - y) ** 2).mean()
loss.backward()
opt.step()

print("weight.grad:", lin.weight.grad, " bias has a gradient:", lin.bias.grad is not None)  # (2)!
print("weight unchanged:", torch.equal(lin.weight, w0))
print("bias unchanged:  ", torch.equal(lin.bias, b0))
