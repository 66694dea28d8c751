import torch

torch.manual_seed(0)

w = torch.tensor([1.0], requires_grad=True)
loss = w**2
with torch.no_grad():
    w.mul_(3)  # (1)!
loss.backward()
