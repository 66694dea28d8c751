import torch
from torch import nn

torch.manual_seed(0)

model = nn.Sequential(nn.Linear(4, 4), nn.Dropout(0.5))
x = torch.randn(2, 4)

model.train()
with torch.no_grad():  # (1)!
    a, b = model(x), model(x)
print("no_grad, train(): requires_grad", a.requires_grad, " two outputs equal", torch.equal(a, b))

model.eval()  # (2)!
a, b = model(x), model(x)
print("grad on, eval(): requires_grad", a.requires_grad, "  two outputs equal", torch.equal(a, b))
