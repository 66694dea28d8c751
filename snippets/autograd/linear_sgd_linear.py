import torch
from torch import nn

torch.manual_seed(0)

X = torch.tensor([[1.0], [2.0], [3.0]])  # (1)!
Y = torch.tensor([[2.0], [4.0], [6.0]])
model = nn.Linear(1, 1)  # (2)!
print(f"start: weight {model.weight.item():.4f}  bias {model.bias.item():.4f}")
opt = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = nn.MSELoss()

for epoch in range(100):
    for x, y in zip(X, Y):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

print(f"end:   weight {model.weight.item():.4f}  bias {model.bias.item():.4f}")
print(f"after training, mean loss over the 3 points: {loss_fn(model(X), Y).item():.4f}")
print(f"predict x=4: {model(torch.tensor([4.0])).item():.4f}")
