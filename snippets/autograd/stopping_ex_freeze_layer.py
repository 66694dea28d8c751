import torch
from torch import nn

torch.manual_seed(0)

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
model[0].requires_grad_(False)  # freezes weight and bias of layer 0
before = {n: p.detach().clone() for n, p in model.named_parameters()}

opt = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(8, 3), torch.randn(8, 1)
for _ in range(5):
    opt.zero_grad()
    ((model(x) - y) ** 2).mean().backward()
    opt.step()

for n, p in model.named_parameters():
    print(n, "changed:", not torch.equal(p.detach(), before[n]))
