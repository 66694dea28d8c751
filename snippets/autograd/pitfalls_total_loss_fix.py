import torch

torch.manual_seed(0)

w = torch.randn(3, requires_grad=True)
total = 0.0
for step in range(1, 31):
    x = torch.randn(3)
    loss = (w * x).sum() ** 2
    total += loss.item()  # (1)!
print(type(total).__name__, f"{total:.2f}")
