import torch
from torch import nn

torch.manual_seed(0)

lin = nn.Linear(2, 1)
lin.weight.requires_grad_(False)  # (1)!
w0, b0 = lin.weight.clone(), lin.bias.detach().clone()

opt = torch.optim.SGD(lin.parameters(), lr=0.1)
x, y = torch.randn(4, 2), torch.randn(4, 1)
loss = ((lin(x) - y) ** 2).mean()
loss.backward()
opt.step()

print(lin.weight.grad, lin.bias.grad is not None)  # (2)!
print("weight unchanged:", torch.equal(lin.weight, w0))
print("bias unchanged:  ", torch.equal(lin.bias.detach(), b0))
