import torch
from torch import nn

torch.manual_seed(0)

lin = nn.Linear(2, 1)
with torch.no_grad():
    print("inside no_grad: weight.requires_grad", lin.weight.requires_grad)  # (1)!
w0 = lin.weight.detach().clone()

opt = torch.optim.SGD(lin.parameters(), lr=0.1)
x, y = torch.randn(4, 2), torch.randn(4, 1)
with torch.no_grad():
    print("inside no_grad: loss.requires_grad", ((lin(x) - y) ** 2).mean().requires_grad)  # (2)!

loss = ((lin(x) - y) ** 2).mean()  # (3)!
loss.backward()
opt.step()
print("after backward() and step(): weight changed", not torch.equal(lin.weight, w0))
