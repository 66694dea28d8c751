import torch

torch.manual_seed(0)

w = torch.randn(100, requires_grad=True)
total = 0.0
with torch.no_grad():  # (1)!
    for step in range(1, 21):
        loss = torch.tanh(w * torch.randn(100)).sum() ** 2
        total += loss.item()  # (2)!
print(type(total).__name__, f"{total:.2f}")
