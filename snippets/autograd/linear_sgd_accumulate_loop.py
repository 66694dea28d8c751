import torch
from torch import nn

torch.manual_seed(0)

X, y = torch.randn(32, 4), torch.randn(32, 1)
accum = 4  # (1)!


def train(micro_batches):
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for step in range(20):
        if micro_batches:
            for xb, yb in zip(X.split(32 // accum), y.split(32 // accum)):
                (nn.functional.mse_loss(model(xb), yb) / accum).backward()  # (2)!
        else:
            nn.functional.mse_loss(model(X), y).backward()
        opt.step()  # (3)!
        opt.zero_grad()
    return torch.cat([p.detach().flatten() for p in model.parameters()])


big, small = train(False), train(True)
print("max |w (4 micro-batches of 8) - w (batch of 32)| < 1e-6:", (small - big).abs().max().item() < 1e-6)
print(f"largest |w|: {big.abs().max().item():.2f}")
