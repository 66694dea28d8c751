import torch
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)

X = torch.arange(1.0, 7.0).unsqueeze(1)  # (1)!
Y = 2 * X
loader = DataLoader(TensorDataset(X, Y), batch_size=2, shuffle=True,
                    generator=torch.Generator().manual_seed(0))  # (2)!

w = torch.tensor([1.0], requires_grad=True)
lr = 0.01
for epoch in range(1, 31):
    order = []
    for xb, yb in loader:  # (3)!
        order.append(xb.flatten().int().tolist())
        loss = ((xb * w - yb) ** 2).mean()  # (4)!
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad.zero_()
    if epoch <= 2:
        print(f"epoch {epoch}: mini-batches of x {order}")
print(f"after 30 epochs: w = {w.item():.4f}")
