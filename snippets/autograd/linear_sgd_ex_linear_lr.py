import torch
from torch import nn

torch.manual_seed(0)

X = torch.tensor([[1.0], [2.0], [3.0]])
Y = torch.tensor([[2.0], [4.0], [6.0]])
model = nn.Linear(1, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.05)
loss_fn = nn.MSELoss()

for epoch in range(100):
    for x, y in zip(X, Y):
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()

print(f"weight {model.weight.item():.4f}  bias {model.bias.item():.4f}")
print(f"mean loss: {loss_fn(model(X), Y).item():.1e}")
