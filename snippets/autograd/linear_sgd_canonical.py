import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)

X = torch.arange(1.0, 7.0).unsqueeze(1)
Y = 2 * X
loader = DataLoader(TensorDataset(X, Y), batch_size=2, shuffle=True,
                    generator=torch.Generator().manual_seed(0))
model = nn.Linear(1, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.02)
loss_fn = nn.MSELoss()

for epoch in range(200):
    for xb, yb in loader:  # (1)!
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()

with torch.no_grad():  # (2)!
    full_loss = loss_fn(model(X), Y).item()
print(f"weight {model.weight.item():.3f}  bias {model.bias.item():.3f}  full-data loss {full_loss:.1e}")
