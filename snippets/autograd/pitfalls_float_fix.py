import torch

torch.manual_seed(0)

x = torch.ones(3, requires_grad=True)
losses = x * torch.tensor([0.5, 1.5, 2.5])
print(losses.tolist())  # (1)!
print(losses.sum().item())  # (2)!
